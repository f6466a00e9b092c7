// Interpretive points of the rules file (§8.10 I1–I4, §1.12.5, §1.9 "fewer than 6 scored subjects") as explicit,
// configurable product decisions. The defaults are the documented choices (docs/engine.md).

export interface Decisions {
  /** I1 — TT22 Điều 9 khoản 3: may a single comment subject rated Chưa đạt be "the one subject"?
   *  "literal" (default): yes, per "duy nhất 01 (một) môn học". "scoredOnly": only scored subjects. */
  I1: 'literal' | 'scoredOnly';
  /** I2 — TT22 Điều 9 khoản 3, 3-step drop Tốt → Chưa đạt: "aboveBase" (default) = one above the computed level
   *  (Đạt, as TT58 khoản 6b); "belowWouldBe" = one below the would-be level (Khá). */
  I2: 'aboveBase' | 'belowWouldBe';
  /** I3 — apply TT22 Điều 9 khoản 3 again to the year result after summer re-assessment: "reapply" (default) | "noReapply". */
  I3: 'reapply' | 'noReapply';
  /** I4 — TT58 Điều 13 khoản 6: may a comment subject rated CĐ be "the single subject"?
   *  "literal" (default): no (Yếu stays Yếu); "adjust": yes. */
  I4: 'literal' | 'adjust';
  /** Rules §1.9 step 2 — TT22 Điều 9 khoản 3 would-be level: "replace" (default, the rules' algorithm) treats the
   *  single subject as satisfying every requirement (a score of 10,0 / Đạt); "remove" leaves it out, so the other
   *  subjects must meet the level's conditions (e.g. six subjects ≥ 8,0) on their own. */
  wouldBe: 'replace' | 'remove';
  /** Rules §1.12.5 (UNVERIFIED): a TT22 student Chưa đạt in both KQRL and KQHT. "noReassessment" (default, literal
   *  Điều 14: re-assessment needs KQRL ≥ Đạt) → không được lên lớp; "reassessAfterTraining": summer training first,
   *  then re-assessment if the re-rated KQRL is ≥ Đạt. */
  bothFailed: 'noReassessment' | 'reassessAfterTraining';
  /** Rules §1.9: fewer than 6 scored subjects on record. "pending" (default): KQHT null ("chưa đủ dữ liệu");
   *  "literal": compute it (it can only be Chưa đạt). */
  fewScoredSubjects: 'pending' | 'literal';
}

export const DEFAULT_DECISIONS: Readonly<Decisions> = Object.freeze({
  I1: 'literal',
  I2: 'aboveBase',
  I3: 'reapply',
  I4: 'literal',
  wouldBe: 'replace',
  bothFailed: 'noReassessment',
  fewScoredSubjects: 'pending',
});
