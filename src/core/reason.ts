// The explanation attached to every decision: the article it comes from and a Vietnamese sentence.
export interface Reason {
  rule: string;
  text: string;
}
