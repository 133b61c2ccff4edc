/**
 * The round-trip property every route's options codec must keep (used by features/<route>/options.test.ts):
 * for any texts in the URL, what the page reads, written back and read again, is what it read; and the
 * defaults write no option at all. Texts are drawn from what each field is (numbers in and out of range,
 * the choices and junk, dates) as well as arbitrary strings. Test-only: imports fast-check.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { OptionField, OptionsCodec, OptionSpec } from './view-options';

function textFor(spec: OptionSpec): fc.Arbitrary<string | undefined> {
  const junk = fc.oneof(fc.string(), fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e3', '0x10', 'null'));
  switch (spec.kind) {
    case 'number': {
      const lo = Number.isFinite(spec.min) ? spec.min : -1000;
      const hi = Number.isFinite(spec.max) ? spec.max : 1000;
      const numbers = fc.oneof(fc.integer({ min: Math.floor(lo) - 5, max: Math.ceil(hi) + 5 }), fc.double({ min: lo - 5, max: hi + 5, noNaN: true }));
      return fc.oneof(fc.constant(undefined), numbers.map(String), junk);
    }
    case 'choice':
      return fc.oneof(fc.constant(undefined), fc.constantFrom(...spec.choices), junk);
    case 'flag':
      return fc.oneof(fc.constant(undefined), fc.constantFrom('1', '0', 'true'), junk);
    case 'range': {
      const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      return fc.oneof(fc.constant(undefined), fc.tuple(day, day).map(([a, b]) => `${a}..${b}`), junk);
    }
    case 'text':
      return fc.oneof(fc.constant(undefined), junk);
  }
}

export function expectRoundTrip<F extends Record<string, OptionField<unknown>>>(codec: OptionsCodec<F>): void {
  const raw = fc.record(Object.fromEntries(Object.entries(codec.fields).map(([key, field]) => [key, textFor(field.spec)])));
  fc.assert(
    fc.property(raw, (texts) => {
      const read = codec.parse(texts);
      const written = Object.fromEntries(Object.entries(codec.patch(read)).filter((e): e is [string, string] => e[1] !== null));
      expect(codec.parse(written)).toEqual(read);
      expect(codec.encode(read)).toEqual(written);
    }),
    { numRuns: 300 },
  );
  // The defaults write nothing: a default link has no options.
  expect(codec.encode(codec.parse({}))).toEqual({});
}
