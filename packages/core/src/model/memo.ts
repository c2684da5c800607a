/**
 * A function's answers kept by argument. Building a model asks about the same titles, references and
 * Status lines many times over; the store is emptied when full, so a long-lived process that loads
 * many repositories does not keep every string it ever saw.
 */
export function memoise<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = compute(key);
    if (answers.size >= limit) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
