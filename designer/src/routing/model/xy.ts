/** A point on the canvas (flow coordinates). */
export interface XY {
  x: number;
  y: number;
}
