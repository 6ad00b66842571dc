/**
 * Entry: render the app, then start the outbox sync (service worker, replay triggers) once the first
 * screen is up and the page is idle (within a second), so that work does not delay the first paint.
 */
import { render } from 'preact';
import { App } from './ui/app';
import { startSync } from './ui/device';
import { whenIdle } from './ui/lazy';

render(<App />, document.getElementById('app')!);
whenIdle(() => void startSync(), 1000);
