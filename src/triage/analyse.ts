/**
 * One pass over a grievance text shared by training, the worker and the CLI: words, places, features.
 * Place names are taken out of the word features and replaced by one feature per kind of place
 * ("a town is named"), so that the model learns from the problem, not from which district it came from.
 */
import { MAX_CHARS, tokenise, type Token } from './normalise';
import { recognisePlaces, type PlaceResult } from './gazetteer';
import { featureHits, type FeatureHit } from './features';

export type Analysis = { tokens: Token[]; places: PlaceResult; hits: FeatureHit[]; truncated: boolean };

export function analyse(text: unknown): Analysis {
  const src = typeof text === 'string' ? text : '';
  const tokens = tokenise(src);
  const places = recognisePlaces(src, tokens);
  const skip = new Set<number>();
  const extra: { name: string; tok: number }[] = [];
  for (const m of places.mentions) {
    for (let i = m.tokens[0]; i <= m.tokens[1]; i++) skip.add(i);
    extra.push({ name: m.kind, tok: m.tokens[0] });
  }
  return { tokens, places, hits: featureHits(tokens, skip, extra), truncated: src.length > MAX_CHARS };
}
