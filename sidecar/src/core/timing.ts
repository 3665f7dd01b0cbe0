/** Time spent waiting for the provider during one API request (for Server-Timing and the bench). */
export interface Timing {
  providerMs: number;
}
