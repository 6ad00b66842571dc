/**
 * What the triage model's answer (src/triage/triage.ts) tells the conversation engine: the department and
 * its category, the districts named, the area type and a place below the district. The same on the server
 * (server/chat/effects.ts) and on the kiosk (./guided.ts, the model in its worker).
 */
import type { TriageResult } from '../triage/triage';
import type { Understood } from './types';

export function understoodOf(r: TriageResult): Understood {
  const below = r.places.find((p) => p.kind !== 'district' && p.kind !== 'abolished');
  return {
    modelVersion: r.modelVersion, department: r.department, category: r.category, confidence: r.confidence, suggest: r.suggest,
    top3: r.departmentTop3.map((t) => t.code), districts: r.districts, areaType: r.areaType, place: r.tehsil?.surface ?? below?.surface ?? null,
  };
}
