/**
 * People type numbers with their own script's digits: a Bengali keyboard gives ১৫০০, a Nepali
 * one १५००, an Arabic one ١٥٠٠ and an Urdu one ۱۵۰۰. Where Corridor reads a number, a date or a
 * code (never in free text), every decimal digit of any script (Unicode Nd) becomes its ASCII
 * digit, and the Arabic decimal and thousands separators (٫ ٬) become "." and ",".
 */
const DIGIT = /\p{Nd}/u;
const NOT_ASCII = /[^\p{ASCII}]/u;

export function asciiDigits(text: string): string {
  if (!NOT_ASCII.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (char === '\u066B') out += '.';
    else if (char === '\u066C') out += ',';
    else if (char > '\x7F' && DIGIT.test(char)) out += String(digitValue(char));
    else out += char;
  }
  return out;
}

/**
 * A digit's value. Unicode puts each script's digits in a run of ten from zero, and where runs
 * follow one another (mathematical digits) each starts on a multiple of ten from the first: so
 * the value is the digit's distance from the start of its run of digits, modulo ten.
 */
function digitValue(char: string): number {
  const code = char.codePointAt(0)!;
  let start = code;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}
