/// <reference types="mocha" />
// Every shipped language has every string of every element, in the same shape as the English
// defaults (texts stay texts, functions take the same arguments and keep them), a text for every
// error code and call reason; and a visitor's BCP 47 tags find the right language.
import { expect } from '@open-wc/testing';
import { reasonMessages } from '../calling/call-state.js';
import { ErrorCode } from '../core/contract/http.js';
import { agentDefaults } from '../elements/omni-agent-console/agent-strings.js';
import { attachmentDefaults } from '../elements/omni-attachment/attachment-strings.js';
import { callDefaults } from '../elements/omni-call-button/call-strings.js';
import { formDefaults } from '../elements/omni-chat-forms/form-strings.js';
import { ratingDefaults } from '../elements/omni-conversation/rating-form.js';
import { uploadDefaults } from '../elements/omni-conversation/uploads.js';
import { emojiButtonDefaults } from '../elements/omni-conversation/emoji-button.js';
import { emojiPickerDefaults } from '../elements/omni-emoji-picker/emoji-picker.js';
import { carouselDefaults } from '../elements/omni-carousel/carousel-strings.js';
import { replyNoteDefaults } from '../elements/omni-conversation/reply-note.js';
import { strings } from '../elements/shared/strings.js';
import { loadLocale, locales, plural, shippedLanguage } from './locale-loader.js';

/** Every English default, flat (as `setStrings` takes them). */
const english: Record<string, unknown> = {
  ...strings(), ...callDefaults, ...agentDefaults, ...attachmentDefaults, ...ratingDefaults, ...uploadDefaults, ...formDefaults,
  ...emojiButtonDefaults, ...emojiPickerDefaults, ...carouselDefaults, ...replyNoteDefaults,
};

/** The keys each record-valued string must have. */
const recordKeys: Record<string, string[]> = {
  callStates: Object.keys(callDefaults.callStates),
  phoneStates: Object.keys(agentDefaults.phoneStates),
  callReasons: Object.keys(reasonMessages),
  errors: (ErrorCode as unknown as { anyOf: { const: string }[] }).anyOf.map((literal) => literal.const),
};

/** Arguments to call a string function with: markers for texts, counts for numbers. */
const MARKERS = ['⟦a⟧', '⟦b⟧'];
const COUNTS = [0, 1, 2, 3, 4, 5, 7, 11, 12, 21, 22, 25, 100, 101, 1000];

/** The English function's parameter kinds, by calling it: 'number' when a number shows in its text, else 'string'. */
function parameterKinds(fn: (...args: never[]) => string): Array<'number' | 'string'> {
  return Array.from({ length: fn.length }, (_, index) => {
    const args = MARKERS.slice(0, fn.length) as unknown[];
    args[index] = 987;
    return (fn as (...args: unknown[]) => string)(...args).includes('987') ? 'number' : 'string';
  });
}

describe('locales (unit)', () => {
  it('ships the sixteen languages (English built in)', () => {
    expect(Object.keys(locales).sort()).to.deep.equal(['ar', 'de', 'es', 'fr', 'he', 'hi', 'it', 'ja', 'nl', 'pl', 'pt-BR', 'ru', 'tr', 'uk', 'zh-CN']);
  });

  for (const language of Object.keys(locales)) {
    it(`${language} has every string in the English shape`, async () => {
      const table = (await locales[language]!()).default as unknown as Record<string, unknown>;
      expect(Object.keys(table).sort(), 'keys').to.deep.equal(Object.keys(english).sort());
      /** Strings equal to the English ones (a few are the same word, like "Support"; many mean a copy). */
      const same: string[] = [];
      for (const [key, reference] of Object.entries(english)) {
        const value = table[key];
        const where = `${language}.${key}`;
        if (typeof reference === 'string') {
          expect(value, where).to.be.a('string').and.not.equal('');
          if (value === reference) same.push(key);
        } else if (typeof reference === 'function') {
          expect(value, where).to.be.a('function');
          const fn = value as (...args: unknown[]) => string;
          expect(fn.length, `${where} arity`).to.equal(reference.length);
          const kinds = parameterKinds(reference as (...args: never[]) => string);
          if (kinds.every((kind) => kind === 'string')) {
            const text = fn(...MARKERS.slice(0, kinds.length));
            for (const marker of MARKERS.slice(0, kinds.length)) expect(text.split(marker).length - 1, `${where} keeps ${marker} once: ${text}`).to.equal(1);
          } else {
            for (const n of COUNTS) {
              const args = kinds.map((kind, index) => (kind === 'number' ? n + index * 1000 : MARKERS[index]));
              const text = fn(...args);
              expect(text, `${where}(${n})`).to.be.a('string').and.not.equal('');
              expect(text, `${where}(${n}) keeps placeholders`).not.to.match(/#|undefined|\$\{/);
              // Small counts may be words ("one field", Arabic duals); larger ones always show the number.
              if (n >= 3) for (const arg of args) if (typeof arg === 'number') expect(text, `${where}(${n}) shows ${arg}`).to.include(String(arg));
            }
          }
        } else {
          const keys = recordKeys[key];
          expect(keys, `${key} is a record the test knows`).to.be.an('array');
          const record = value as Record<string, string>;
          expect(Object.keys(record).sort(), `${where} keys`).to.deep.equal([...keys!].sort());
          for (const item of keys!) expect(record[item], `${where}.${item}`).to.be.a('string').and.not.equal('');
        }
      }
      expect(same.length, `${language} repeats English: ${same.join(', ')}`).to.be.at.most(3);
    });
  }

  it('matches BCP 47 tags by primary language', () => {
    expect(shippedLanguage('pt-BR')).to.equal('pt-BR');
    expect(shippedLanguage('pt')).to.equal('pt-BR');
    expect(shippedLanguage('pt-PT')).to.equal('pt-BR');
    expect(shippedLanguage('zh')).to.equal('zh-CN');
    expect(shippedLanguage('zh-Hans')).to.equal('zh-CN');
    expect(shippedLanguage('zh-CN')).to.equal('zh-CN');
    expect(shippedLanguage('en-GB')).to.equal('en');
    expect(shippedLanguage('DE-at')).to.equal('de');
    expect(shippedLanguage('iw')).to.equal('he');
    expect(shippedLanguage('sv')).to.equal(undefined);
  });

  it('loads the first tag that has strings, keeping the tag for dates', async () => {
    const [tag, table] = await loadLocale(['sv-SE', 'de-AT', 'fr']);
    expect(tag).to.equal('de-AT');
    expect((table as { send: string }).send).to.equal('Senden');
    expect(await loadLocale(['sv', 'en-GB', 'de'])).to.deep.equal(['en-GB', {}]);
    expect(await loadLocale(['sv'])).to.deep.equal(['en', {}]);
    expect((await loadLocale(['zh_Hans_CN']))[0]).to.equal('zh-Hans-CN');
  });

  it('picks plural forms by CLDR category', () => {
    const ru = plural('ru')({ one: '# файл', few: '# файла', many: '# файлов', other: '# файла' });
    expect([1, 2, 5, 21, 22, 25, 111].map(ru)).to.deep.equal(['1 файл', '2 файла', '5 файлов', '21 файл', '22 файла', '25 файлов', '111 файлов']);
    const ar = plural('ar')({ zero: 'z', one: 'o', two: 't', few: 'f #', many: 'm #', other: 'x #' });
    expect([0, 1, 2, 3, 11, 100].map(ar)).to.deep.equal(['z', 'o', 't', 'f 3', 'm 11', 'x 100']);
  });
});
