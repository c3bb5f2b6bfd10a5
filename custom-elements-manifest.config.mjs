/**
 * custom-elements-manifest analyzer config: `custom-elements.json` (repo root, generated at build
 * by `npm run manifest`, gitignored, published) from the element classes and their JSDoc
 * (`@tagname`, `@summary`, `@csspart`, `@cssproperty`, `@slot`, `@fires {CustomEvent<Detail>} name - …`).
 */
import { readFileSync } from 'node:fs';

const THEME_FILE = 'src/elements/shared/theme.styles.ts';

/** Members that are implementation, not API: Lit's statics and lifecycle hooks. */
const HIDDEN_MEMBERS = new Set([
  'styles',
  'dependencies',
  'properties',
  'shadowRootOptions',
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'willUpdate',
  'update',
  'updated',
  'firstUpdated',
  'render',
  'createRenderRoot',
]);

/**
 * Reads the `@attr` / `@cssproperty` tags of the JSDoc above `export const themeStyles`: the
 * tokens are documented once there, and every element whose `styles` include it reads them.
 */
function themeDocs() {
  const source = readFileSync(THEME_FILE, 'utf8');
  const block = source.match(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const themeStyles\b/)?.[1];
  if (!block) throw new Error(`${THEME_FILE}: no doc comment above \`export const themeStyles\``);
  const attributes = [];
  const cssProperties = [];
  for (const line of block.split('\n')) {
    const tag = line.match(/^\s*\*\s*@(\w+)\s+(?:\{([^}]*)\}\s+)?(?:\[([^=\]]+)=([^\]]*)\]|(\S+))\s*(?:-\s*)?(.*)$/);
    if (!tag) continue;
    const [, kind, type, bracketName, defaultValue, plainName, description] = tag;
    const doc = {
      name: (bracketName ?? plainName).trim(),
      ...(type ? { type: { text: type.trim() } } : {}),
      ...(defaultValue !== undefined ? { default: defaultValue.trim() } : {}),
      ...(description ? { description: description.trim() } : {}),
    };
    if (kind === 'attr' || kind === 'attribute') attributes.push(doc);
    else if (kind === 'cssprop' || kind === 'cssproperty') cssProperties.push(doc);
  }
  return { attributes, cssProperties };
}

/** Adds the theme's attribute and tokens to every element whose `static styles` include `themeStyles`. */
function themeTokens() {
  const themed = new Set();
  return {
    name: 'omni-theme-tokens',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const styles = node.members.find(
        (member) =>
          ts.isPropertyDeclaration(member) &&
          member.name.getText() === 'styles' &&
          member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
      );
      if (styles?.initializer && /\bthemeStyles\b/.test(styles.initializer.getText())) {
        themed.add(`${moduleDoc.path}#${node.name.getText()}`);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const theme = themeDocs();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!themed.has(`${module.path}#${declaration.name}`)) continue;
          const attributes = (declaration.attributes ??= []);
          for (const attribute of theme.attributes) {
            if (!attributes.some((own) => own.name === attribute.name)) attributes.push(structuredClone(attribute));
          }
          const cssProperties = (declaration.cssProperties ??= []);
          for (const property of theme.cssProperties) {
            if (!cssProperties.some((own) => own.name === property.name)) cssProperties.push(structuredClone(property));
          }
        }
      }
    },
  };
}

/** Keeps the manifest to the public contract: custom elements only, no private/protected/static/`#` members, no lifecycle hooks. */
function publicApiOnly() {
  return {
    name: 'omni-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((module) =>
        (module.declarations ?? []).some((declaration) => declaration.customElement && declaration.tagName),
      );
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (member) =>
                !member.static &&
                member.privacy !== 'private' &&
                member.privacy !== 'protected' &&
                !member.name.startsWith('#') &&
                !HIDDEN_MEMBERS.has(member.name),
            );
            if (declaration.members.length === 0) delete declaration.members;
          }
          if (declaration.attributes) {
            // An attribute backed by a field that was dropped (a private one) is not API either.
            const fields = new Set((declaration.members ?? []).map((member) => member.name));
            declaration.attributes = declaration.attributes.filter((attribute) => !attribute.fieldName || fields.has(attribute.fieldName));
            if (declaration.attributes.length === 0) delete declaration.attributes;
          }
        }
      }
    },
  };
}

/** Points module paths at the published JavaScript (`dist/…/*.js`, rollup's preserveModules output) instead of the unpublished sources. */
function publishedPaths() {
  const toDist = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
  return {
    name: 'omni-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.path = toDist(module.path);
        for (const entry of module.exports ?? []) {
          if (entry.declaration?.module) entry.declaration.module = toDist(entry.declaration.module);
        }
        for (const declaration of module.declarations ?? []) {
          if (declaration.superclass?.module) declaration.superclass.module = toDist(declaration.superclass.module);
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.test.ts', 'src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest (`"customElements": "custom-elements.json"`); never rewrite it.
  packagejson: false,
  plugins: [themeTokens(), publicApiOnly(), publishedPaths()],
};
