/**
 * Replaces @uppy/core's `Translator` (`@uppy/core/lib/utils/Translator.js`, from Polyglot) in the
 * drop-in build by what the widget's Uppy asks of it: strings by key from the locales given, the
 * later ones winning, `%{name}` placeholders filled, and plural forms picked by `smart_count`.
 * Uppy's own also interlaces values that are not strings (its dashboard's elements) into arrays,
 * which nothing here uses. Its sentences reach only logs (see uppy-locale.ts);
 * `uppy-translator.test.ts` compares both on every string of that locale.
 */
interface Locale {
  strings?: Record<string, string | Record<number, string>>;
  pluralize?(count: number): number;
}

type Values = Record<string, unknown> & { smart_count?: number };

export default class Translator {
  #strings: NonNullable<Locale['strings']> = {};
  #pluralize: (count: number) => number = (count) => (count === 1 ? 0 : 1);
  #onMissingKey: (key: string) => void;

  constructor(locales: Locale | Locale[], { onMissingKey = (key: string): void => fail(`missing string: ${key}`) } = {}) {
    for (const locale of [locales].flat()) {
      if (!locale?.strings) continue;
      this.#strings = { ...this.#strings, ...locale.strings };
      if (locale.pluralize) this.#pluralize = locale.pluralize;
    }
    this.#onMissingKey = onMissingKey;
  }

  translate(key: string, values?: Values): string {
    return this.translateArray(key, values).join('');
  }

  translateArray(key: string, values?: Values): string[] {
    let string = this.#strings[key];
    if (string == null) {
      this.#onMissingKey(key);
      string = key;
    }
    if (typeof string === 'object') {
      if (values?.smart_count === undefined) fail('Attempted to use a string with plural forms, but no value was given for %{smart_count}');
      string = string[this.#pluralize(values.smart_count)]!;
    }
    if (typeof string !== 'string') fail('string was not a string');
    return [string.replace(/%\{(\w+)\}/g, (placeholder, name: string) => (values && name !== '_' && Object.hasOwn(values, name) ? String(values[name]) : placeholder))];
  }
}

function fail(message: string): never {
  throw new Error(message);
}
