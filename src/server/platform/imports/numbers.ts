import type { ImportIssue } from "../../../common/imports.js";
import type { DecimalSeparator, NumberReader } from "../number-format.js";

const DECIMAL_NAMES: Record<DecimalSeparator, { en: string; ru: string }> = {
  point: { en: "decimal point", ru: "десятичной точкой" },
  comma: { en: "decimal comma", ru: "десятичной запятой" },
};

/**
 * The numbers that can be read two ways (`1,500`) and were read against the file's majority: each refuses the file,
 * named by row, column and value, since it may have been read wrong. Empty when the file agrees with itself.
 */
export function ambiguousNumberIssues(numbers: NumberReader): ImportIssue[] {
  const contradicted = numbers.contradicted();
  if (!contradicted) return [];
  const read = DECIMAL_NAMES[numbers.decimal];
  const majority = DECIMAL_NAMES[contradicted.majority];
  const message = {
    en: `This number can be read two ways (its separator can be the decimal one or group thousands). Most numbers in the file are written with a ${majority.en}, but its first rows with a ${read.en}: write it without a thousands separator and import the file again.`,
    ru: `Это число можно прочитать двояко (десятичный разделитель или разделитель тысяч). Большинство чисел в файле записаны с ${majority.ru}, а первые строки — с ${read.ru}: запишите его без разделителя тысяч и загрузите файл снова.`,
  };
  const out: ImportIssue[] = contradicted.numbers.map((n) => ({
    row: n.row,
    ...(n.sheet === undefined ? {} : { sheet: n.sheet }),
    column: n.column,
    value: n.text,
    code: "ambiguous_number",
    message,
  }));
  if (contradicted.count > contradicted.numbers.length)
    out.push({
      row: 0,
      column: null,
      value: String(contradicted.count),
      code: "ambiguous_number",
      message: {
        en: `${contradicted.count} numbers in all can be read two ways; the first ${contradicted.numbers.length} are listed.`,
        ru: `Всего чисел, которые можно прочитать двояко: ${contradicted.count}; показаны первые ${contradicted.numbers.length}.`,
      },
    });
  return out;
}
