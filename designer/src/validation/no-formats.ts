/** Stands in for `ajv-formats` in the browser bundle: the formats are compiled into the precompiled validators. */
export default function addFormats<T>(ajv: T): T {
  return ajv;
}
