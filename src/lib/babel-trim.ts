/**
 * core-js's `instance/trim` for mimetext (see ./babel-define-property.ts): the `trim` method to call on
 * `it`, which for a string is the runtime's own String.prototype.trim.
 */
export default function trim(it: { trim: () => string }): () => string {
  return it.trim;
}
