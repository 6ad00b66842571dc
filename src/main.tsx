/** Entry: render the app and start the outbox sync (service worker, replay triggers). Nothing else. */
import { render } from 'preact';
import { App } from './ui/app';
import { startSync } from './ui/device';

render(<App />, document.getElementById('app')!);
void startSync();
