// Public API of the assessment engine. Other parts of the product import from here only.
export { evaluate, tryEvaluate, evaluateToJson, evaluateSubject, EvaluateInputError, type TryEvaluateResult, type EvaluateJsonResult, type EvaluateSubjectResult } from './evaluate.ts';
export {
  EvaluateInputSchema, EvaluateOutputSchema, StudentInputSchema, SubjectInputSchema, StudentOutputSchema,
  SubjectOutputSchema, DecisionsSchema, OutcomeSchema, AwardSchema,
  type EvaluateInput, type EvaluateOutput, type StudentInput, type SubjectInput, type StudentOutput, type SubjectOutput,
  type Outcome, type Award, type LearningLevelValue, type ConductLevelValue,
} from './schema.ts';
export { parseMark, parseMarkTenths, parseCommentMark, formatMark, formatTenths, type MarkParse, type CommentParse, type CommentMark, type ParseMarkOptions } from './marks.ts';
export { selectRegulation, trySelectRegulation, parseSchoolYear, REGULATIONS, type Regulation } from './regulation.ts';
export { DEFAULT_DECISIONS, type Decisions } from './decisions.ts';
export { txCountTT22, txMinimumTT58_2011, normalizeInput } from './normalize.ts';
export { formatPath, type Issue } from './model.ts';
export type { Reason } from './reason.ts';
export { rankStudents, defaultRankKey, type Ranked, type RankKey } from './ranking.ts';
export { compareVietnameseNames, splitVietnameseName, type VietnameseName } from './names.ts';
export { divHalfUp } from './tenths.ts';
