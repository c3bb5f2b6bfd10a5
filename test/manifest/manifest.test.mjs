// custom-elements.json (built by `npm run manifest`) against the sources it documents: every
// registered element is in it, every part, slot, `--omni-*` property, attribute and event that the
// code really has is documented (and nothing that it no longer has), the public contract of
// DESIGN.md is there, and the README's element tables agree with it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');
const manifestPath = join(root, 'custom-elements.json');
const read = (path) => readFileSync(join(root, path), 'utf8');

/** The `define('tag', Class)` and `defineLazily('tag', …)` registrations of a file. */
function definitions(path) {
  const source = read(path);
  // define('tag', Class), and defineLazily('tag', () => import(...).then((module) => module.Class)).
  return [
    ...source.matchAll(/\bdefine\(\s*'([a-z][\w-]*)'\s*,\s*(\w+)\s*\)/g),
    ...source.matchAll(/\bdefineLazily\(\s*'([a-z][\w-]*)'\s*,[^;]*?\.then\(\(\w+\) => \w+\.(\w+)\)\)/g),
  ].map(([, tag, className]) => ({ tag, className, path }));
}

/** The `HTMLElementTagNameMap` entries a registration entry declares (`'omni-chat': OmniChat;`). */
function declaredTags(path) {
  const map = read(path).match(/interface HTMLElementTagNameMap\s*\{([^}]*)\}/)?.[1] ?? '';
  return [...map.matchAll(/'([a-z][\w-]*)':\s*(\w+)/g)].map(([, tag, className]) => ({ tag, className, path }));
}

/** Every non-test `.ts` file under a folder. */
function sourcesUnder(folder) {
  return readdirSync(join(root, folder), { recursive: true })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(folder, name));
}

/** The `.ts` sources of an element's folder (tests excluded; styles and helpers included). */
function folderSources(elementFile) {
  const sourcesIn = (folder) => readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(folder, name));
  const own = sourcesIn(dirname(elementFile));
  // A folder of lazy parts the element renders into its own shadow root (`import('../omni-chat-forms/…')`,
  // a folder with no element of its own) counts as the element's.
  const lazyFolders = [...new Set(own.flatMap((path) => [...read(path).matchAll(/import\('(\.\.\/[\w-]+)\/[\w.-]+\.js'\)/g)]
    .map(([, folder]) => relative(root, resolve(root, dirname(elementFile), folder)))))];
  return [...own, ...lazyFolders.flatMap((folder) => {
    const sources = sourcesIn(folder);
    return sources.some((path) => /@tagname\s/.test(read(path))) ? [] : sources;
  })];
}

/** The shared modules (`../shared/*.js`) a file imports, transitively. */
function sharedImports(file, seen = new Set()) {
  for (const [, specifier] of read(file).matchAll(/from '(\.\.?\/(?:\.\.\/)?shared\/[\w.-]+)\.js'/g)) {
    const target = relative(root, resolve(root, dirname(file), `${specifier}.ts`));
    if (seen.has(target)) continue;
    seen.add(target);
    sharedImports(target, seen);
  }
  return seen;
}

/**
 * The part names a template can set: the words of every `part="…"` / `part='…'` (static text plus
 * the string literals inside `${…}`) and of every `part=${…}` expression.
 */
function partNames(source) {
  const names = new Set();
  const words = (text) => text.split(/\s+/).filter((word) => /^[a-z][\w-]*$/.test(word)).forEach((word) => names.add(word));
  const literals = (expression) => [...expression.matchAll(/'([^']*)'|"([^"]*)"|`([^`$]*)`/g)].forEach((m) => words(m[1] ?? m[2] ?? m[3]));
  /** The end index of the `${…}` starting at `start` (the `$`). */
  const expressionEnd = (start) => {
    let depth = 0;
    for (let index = start + 1; index < source.length; index++) {
      if (source[index] === '{') depth++;
      else if (source[index] === '}' && --depth === 0) return index;
    }
    return source.length;
  };
  for (const match of source.matchAll(/\bpart=/g)) {
    let index = match.index + match[0].length;
    const open = source[index];
    if (open === '$' && source[index + 1] === '{') {
      literals(source.slice(index, expressionEnd(index) + 1));
    } else if (open === '"' || open === "'") {
      let text = '';
      for (index++; index < source.length && source[index] !== open; index++) {
        if (source[index] === '$' && source[index + 1] === '{') {
          const end = expressionEnd(index);
          literals(source.slice(index, end + 1));
          text += ' ';
          index = end;
        } else text += source[index];
      }
      words(text);
    }
  }
  return names;
}

/** `emit(this, 'omni-…'` / `emit(this.host, 'omni-…'` calls. */
const emitted = (source) => new Set([...source.matchAll(/\bemit\(\s*this(?:\.host)?\s*,\s*'(omni-[\w-]+)'/g)].map((m) => m[1]));
/** `var(--omni-…` reads. */
const customProperties = (source) => new Set([...source.matchAll(/var\(\s*(--omni-[\w-]+)/g)].map((m) => m[1]));
/** `<slot name="…">` and the default `<slot>`. */
const slotNames = (source) => new Set([...source.matchAll(/<slot\b([^>]*)>/g)].map((m) => m[1].match(/\bname="([^"]+)"/)?.[1] ?? ''));
/** The tags of `static dependencies = { 'omni-…': Class }`. */
const dependencyTags = (source) => [...(source.match(/static dependencies\s*=\s*\{([^}]*)\}/)?.[1] ?? '').matchAll(/'(omni-[\w-]+)'/g)].map((m) => m[1]);

/** The reactive properties of a class source: field name and the attribute it has (or `false`). */
function reactiveProperties(source) {
  const block = source.match(/static (?:override )?properties = \{\n([\s\S]*?)\n  \};/)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+): (\{[^}]*\}),$/gm)]
    .filter(([, , options]) => !/state:\s*true/.test(options))
    .map(([, name, options]) => {
      if (/attribute:\s*false/.test(options)) return { name, attribute: false };
      const custom = options.match(/attribute:\s*'([^']+)'/)?.[1];
      return { name, attribute: custom ?? name.toLowerCase() };
    });
}

const names = (list) => new Set((list ?? []).map((item) => item.name));
const missing = (expected, actual) => [...expected].filter((name) => !actual.has(name)).sort();

function run(manifest) {
  const elements = new Map();
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement) elements.set(declaration.tagName, { declaration, module });
    }
  }
  const sourceOf = (module) => module.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
  const themeTokens = customProperties(read('src/elements/shared/theme.styles.ts'));
  const eventMap = new Map([...read('src/elements/shared/events.ts').matchAll(/'(omni-[\w-]+)':\s*CustomEvent<(\w+)>/g)].map((m) => [m[1], m[2]]));

  /** Everything the element and its folder's helpers really use. */
  const used = new Map();
  const usage = (tag) => {
    if (used.has(tag)) return used.get(tag);
    const { module } = elements.get(tag);
    const file = sourceOf(module);
    const folder = folderSources(file).map((path) => read(path)).join('\n');
    const shared = [...sharedImports(file)].map((path) => read(path)).join('\n');
    const source = read(file);
    const themed = /static\s+(?:override\s+)?styles\s*=[^;]*\bthemeStyles\b/.test(source);
    const result = {
      file,
      source,
      parts: partNames(folder),
      slots: slotNames(folder),
      events: new Set([...emitted(folder), ...emitted(shared)]),
      cssProperties: new Set([...customProperties(folder), ...(themed ? themeTokens : [])]),
      themed,
      // What it registers up front, and what its templates render (some register on demand).
      dependencies: [...new Set([...dependencyTags(source), ...[...source.matchAll(/html`[^`]*?<(omni-[\w-]+)\s/g)].map((m) => m[1])])],
    };
    used.set(tag, result);
    return result;
  };
  /** Events that reach the element's host: its own and (bubbling, composed) those of the elements it renders. */
  const reachingEvents = (tag, seen = new Set()) => {
    if (seen.has(tag) || !elements.has(tag)) return new Set();
    seen.add(tag);
    const { events, dependencies } = usage(tag);
    return new Set([...events, ...dependencies.flatMap((dependency) => [...reachingEvents(dependency, seen)])]);
  };

  test('is a custom elements manifest named by package.json', () => {
    assert.equal(typeof manifest.schemaVersion, 'string');
    assert.match(manifest.schemaVersion, /^\d+\.\d+\.\d+$/);
    assert.ok(Array.isArray(manifest.modules) && manifest.modules.length > 0);
    const pkg = JSON.parse(read('package.json'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'), 'package.json "files" publishes custom-elements.json');
    assert.equal(pkg.exports['./custom-elements.json'], './custom-elements.json');
  });

  test('has every element registered by omni-widget/define and omni-widget/define-agent, with its tag', () => {
    const entries = ['src/define.ts', 'src/define-agent.ts'];
    // The entries' define() calls and tag-name maps, and the elements that register lazily (e.g. on first use).
    const registered = [...entries.flatMap((path) => [...definitions(path), ...declaredTags(path)]), ...sourcesUnder('src/elements').flatMap(definitions)];
    for (const entry of entries) assert.ok(definitions(entry).length > 0, `${entry} registers elements`);
    for (const { tag, className, path } of registered) {
      assert.ok(elements.has(tag), `<${tag}> (${path}) is missing from custom-elements.json (a @tagname ${tag} on ${className}'s JSDoc?)`);
      assert.equal(elements.get(tag).declaration.name, className, `<${tag}> is documented on the wrong class`);
    }
    assert.deepEqual([...elements.keys()].sort(), [...new Set(registered.map(({ tag }) => tag))].sort(), 'the manifest has exactly the registered elements');
  });

  test('module paths point at the published JavaScript', () => {
    for (const { module } of elements.values()) {
      assert.match(module.path, /^dist\/elements\/.+\.js$/);
      assert.ok(existsSync(join(root, sourceOf(module))), `${sourceOf(module)} exists`);
    }
  });

  describe('each element documents what its code really has', () => {
    for (const tag of [...elements.keys()].sort()) {
      describe(`<${tag}>`, () => {
        const { declaration } = elements.get(tag);

        test('parts: every part="…" of its templates, and no others', () => {
          const documented = names(declaration.cssParts);
          const { parts } = usage(tag);
          assert.deepEqual(missing(parts, documented), [], 'parts used in the templates but not documented (@csspart)');
          assert.deepEqual(missing(documented, parts), [], 'parts documented but not in any template');
        });

        test('slots: every <slot> of its templates, and no others', () => {
          const documented = names(declaration.slots);
          const { slots } = usage(tag);
          assert.deepEqual(missing(slots, documented), [], 'slots not documented (@slot)');
          assert.deepEqual(missing(documented, slots), [], 'slots documented but not rendered');
        });

        test('CSS custom properties: every --omni-* its styles read, and no others', () => {
          const documented = names(declaration.cssProperties);
          const { cssProperties } = usage(tag);
          assert.deepEqual(missing(cssProperties, documented), [], 'custom properties read but not documented (@cssproperty)');
          assert.deepEqual(missing(documented, cssProperties), [], 'custom properties documented but never read');
        });

        test('events: every omni-* it fires, with the detail type of the global event map', () => {
          const documented = names(declaration.events);
          assert.deepEqual(missing(usage(tag).events, documented), [], 'events emitted but not documented (@fires)');
          assert.deepEqual(missing(documented, reachingEvents(tag)), [], 'events documented that neither it nor an element it renders fires');
          for (const event of declaration.events ?? []) {
            assert.ok(eventMap.has(event.name), `${event.name} is declared in OmniEventMap (src/elements/shared/events.ts)`);
            assert.equal(event.type?.text, `CustomEvent<${eventMap.get(event.name)}>`, `${event.name}: @fires {CustomEvent<${eventMap.get(event.name)}>}`);
          }
        });

        test('attributes and properties: every reactive property, public only', () => {
          const attributes = new Map((declaration.attributes ?? []).map((attribute) => [attribute.name, attribute]));
          const fields = new Map((declaration.members ?? []).filter((member) => member.kind === 'field').map((member) => [member.name, member]));
          for (const property of reactiveProperties(usage(tag).source)) {
            assert.ok(fields.has(property.name), `property ${property.name} is documented`);
            if (property.attribute === false) assert.equal(fields.get(property.name).attribute, undefined, `${property.name} has no attribute`);
            else {
              assert.equal(fields.get(property.name).attribute, property.attribute, `${property.name} reads the ${property.attribute} attribute`);
              assert.equal(attributes.get(property.attribute)?.fieldName, property.name, `attribute ${property.attribute} is documented`);
            }
          }
          if (usage(tag).themed) assert.ok(attributes.has('theme'), 'the theme attribute (themeStyles) is documented');
          for (const member of declaration.members ?? []) {
            assert.ok(!member.static && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#'), `${member.name} is public API`);
            assert.ok(!['styles', 'dependencies', 'render', 'willUpdate', 'updated', 'connectedCallback', 'disconnectedCallback'].includes(member.name), `${member.name} is not API`);
          }
        });

        test('everything it documents has a description', () => {
          assert.ok(declaration.description, 'the class has a description');
          assert.ok(declaration.summary, 'the class has a @summary');
          const items = [
            ...(declaration.attributes ?? []).map((item) => ['attribute', item]),
            ...(declaration.members ?? []).map((item) => [item.kind, item]),
            ...(declaration.cssParts ?? []).map((item) => ['part', item]),
            ...(declaration.slots ?? []).map((item) => ['slot', item]),
            ...(declaration.events ?? []).map((item) => ['event', item]),
            ...(declaration.cssProperties ?? []).map((item) => ['CSS property', item]),
          ];
          const undocumented = items.filter(([, item]) => !item.description?.trim()).map(([kind, item]) => `${kind} ${item.name}`);
          assert.deepEqual(undocumented, []);
        });
      });
    }
  });

  describe('the public contract of DESIGN.md ("Elements")', () => {
    const contract = {
      'omni-chat': { attributes: ['server-url', 'integration-id', 'token-url', 'open', 'position'], properties: ['jwtProvider'], parts: ['launcher', 'badge', 'panel'] },
      'omni-conversation': { parts: ['messages', 'message', 'composer', 'input', 'send'] },
      'omni-call-button': { attributes: ['destination'], parts: ['call', 'hangup', 'mute', 'hold', 'dialpad', 'status'] },
    };
    for (const [tag, { attributes = [], properties = [], parts = [] }] of Object.entries(contract)) {
      test(`<${tag}>`, () => {
        assert.ok(elements.has(tag), `<${tag}> is documented`);
        const { declaration } = elements.get(tag);
        assert.deepEqual(missing(attributes, names(declaration.attributes)), [], 'attributes');
        assert.deepEqual(missing(properties, names(declaration.members)), [], 'properties');
        assert.deepEqual(missing(parts, names(declaration.cssParts)), [], 'parts');
      });
    }
    test('events are omni-* CustomEvents', () => {
      for (const { declaration } of elements.values()) {
        for (const event of declaration.events ?? []) {
          assert.match(event.name, /^omni-[a-z-]+$/);
          assert.match(event.type?.text ?? '', /^CustomEvent<\w+>$/);
        }
      }
    });
  });

  test('the framework wrappers offer exactly the events each element documents (src/elements/shared/element-events.ts)', () => {
    const source = read('src/elements/shared/element-events.ts');
    const lists = new Map([...source.matchAll(/'(omni-[\w-]+)':\s*\[([^\]]*)\]/g)].map((m) => [m[1], [...m[2].matchAll(/'(omni-[\w-]+)'/g)].map((e) => e[1]).sort()]));
    const wrapped = [...lists.keys()].sort();
    // The elements a conversation renders for itself (lazy chunks) have no wrapper.
    assert.deepEqual(wrapped, [...elements.keys()].filter((tag) => tag !== 'omni-attachment' && tag !== 'omni-carousel').sort(), 'every public element has an event list');
    for (const tag of wrapped) {
      assert.deepEqual(lists.get(tag), [...names(elements.get(tag).declaration.events)].sort(), `events of <${tag}>`);
    }
  });

  test('the README element tables agree with the manifest (scripts/element-docs.mjs --check)', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/element-docs.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
}

test('partNames reads static, mixed and expression part attributes', () => {
  const source = [
    '<div part="messages">',
    "<div part='phone'>",
    "<div part=\"message ${own ? 'own' : 'other'}\">",
    "<li part=${selected ? 'item selected' : 'item'}>",
    '<b part="a  b">',
  ].join('\n');
  assert.deepEqual([...partNames(source)].sort(), ['a', 'b', 'item', 'message', 'messages', 'other', 'own', 'phone', 'selected']);
});

if (!existsSync(manifestPath)) {
  test('custom-elements.json exists', () => assert.fail('custom-elements.json is missing: run `npm run manifest` (or `npm run build:widget`) first'));
} else {
  run(JSON.parse(readFileSync(manifestPath, 'utf8')));
}
