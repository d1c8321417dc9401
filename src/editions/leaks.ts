// Interface of the leak gate; the implementation lands with its own branch.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Pack } from '../model/pack.js';
import type { Edition } from './editions.js';

export interface Secret { paper: string; kind: 'title' | 'sentence' | 'canary' | 'id'; text: string }
export interface Place { place: string; text: string; names?: boolean }
export function secretsOf(_pack: Pack, _edition: Edition): Secret[] { return []; }
export async function readOutput(_name: string, _bytes: Uint8Array): Promise<Place[]> { return []; }
export function findLeaks(_output: string, _places: readonly Place[], _secrets: readonly Secret[]): Diagnostic[] { return []; }
export function modelPlaces(_pack: Pack): Place[] { return []; }
