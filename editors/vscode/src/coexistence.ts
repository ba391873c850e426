/**
 * Living beside the Red Hat YAML extension (redhat.vscode-yaml). No `vscode` import:
 * unit-tested under plain node.
 *
 * How yaml-language-server picks the schema of a file (YAMLSchemaService.getSchemaForResource),
 * first match wins:
 *   1. a modeline comment `# yaml-language-server: $schema=URL` (`$schema=none`: no schema, in
 *      versions from mid-2026);
 *   2. a top-level `$schema:` key (recent versions; before, the Azure ML extension fed it in
 *      through Red Hat's registerContributor API);
 *   3. schemas from other extensions (registerContributor);
 *   4. file-pattern associations: `yaml.schemas`, then the JSON Schema Store catalog
 *      (`yaml.schemaStore.enable`), minus `yaml.disableSchemaDetection` (automatic ones only).
 * Azure ML job files carry `$schema: https://azuremlschemas.azureedge.net/latest/...Job.schema.json`,
 * so settings of kind 4 (`yaml.schemaStore.enable: false`, `yaml.schemas`,
 * `yaml.disableSchemaDetection`) cannot take them away from Red Hat. What can: a modeline in the
 * file (precise), Red Hat's `yaml.validate`/`yaml.completion`/`yaml.hover` (every YAML file of
 * the workspace: yaml-language-server reads its settings once, not per file), or on our side
 * `jobLsp.deferToYamlExtension` (completion and hover left to Red Hat; both still validate).
 */

export const RED_HAT_YAML = 'redhat.vscode-yaml';

/** The modeline that takes a file away from Red Hat's schema features. */
export const NONE_MODELINE = '# yaml-language-server: $schema=none';

/** The Azure ML schema names job-lsp serves (jobs, components, schedules), as
 * job_lsp/detect.py reads them. */
const JOB_SCHEMA = /(?:(?:Job|Component|Schedule)\.schema\.json|(?:^|\/)\w*(?:Job|Component|Schedule)\.json)\s*$/i;
/** A modeline as yaml-language-server finds one: a comment line, then `$schema=...` on it. */
const MODELINE = /^#\s+yaml-language-server\s*:.*?\$schema=(\S+)/m;
/** A top-level `$schema:` key (column 0), its value possibly quoted, maybe with a comment. */
const DOLLAR_SCHEMA = /^(["']?)\$schema\1[ \t]*:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\r\n]*?))[ \t]*(?:#.*)?$/m;

export function isJobSchema(url: string): boolean {
  return JOB_SCHEMA.test(url.trim());
}

export function modelineSchema(text: string): string | undefined {
  return MODELINE.exec(text)?.[1];
}

export function dollarSchema(text: string): string | undefined {
  const m = DOLLAR_SCHEMA.exec(text);
  if (!m) {
    return undefined;
  }
  const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  return value || undefined;
}

export interface YamlSettings {
  validate: boolean;
  completion: boolean;
  hover: boolean;
  /** `yaml.schemas`: schema URL or path -> glob(s). */
  schemas: Record<string, string | string[]>;
}

export interface OverlapInput {
  text: string;
  redHatInstalled: boolean;
  yaml: YamlSettings;
  jobLsp: { validate: boolean; deferToYamlExtension: boolean };
}

export type SchemaSource = 'modeline' | '$schema' | 'yaml.schemas';

export interface Overlap {
  /** Where Red Hat gets an Azure ML job schema for this file, if it does. */
  source?: SchemaSource;
  schema?: string;
  /** Features both servers give for this file. */
  diagnostics: boolean;
  completion: boolean;
  hover: boolean;
  duplicated: boolean;
}

const NO_OVERLAP: Overlap = { diagnostics: false, completion: false, hover: false, duplicated: false };

/**
 * Where Red Hat gets a job schema for this text. `yaml.schemas` is looked at only for schemas
 * that are job schemas (such as job-lsp's own `schema/job.schema.json`); whether its globs
 * match the file is Red Hat's business, so that case says "may".
 */
export function redHatJobSchema(text: string, yaml: Pick<YamlSettings, 'schemas'>): { source: SchemaSource; schema: string } | undefined {
  const modeline = modelineSchema(text);
  if (modeline !== undefined) {
    // The modeline wins in Red Hat, whatever else the file says.
    return isJobSchema(modeline) ? { source: 'modeline', schema: modeline } : undefined;
  }
  const dollar = dollarSchema(text);
  if (dollar !== undefined) {
    return isJobSchema(dollar) ? { source: '$schema', schema: dollar } : undefined;
  }
  for (const [schema, globs] of Object.entries(yaml.schemas ?? {})) {
    const patterns = Array.isArray(globs) ? globs : [globs];
    if (patterns.length > 0 && (isJobSchema(schema) || /(?:^|\/)(?:job|component|schedule)\.schema\.json$/i.test(schema))) {
      return { source: 'yaml.schemas', schema };
    }
  }
  return undefined;
}

/** Which features of a job file both servers provide. */
export function assessOverlap(input: OverlapInput): Overlap {
  if (!input.redHatInstalled) {
    return NO_OVERLAP;
  }
  const found = redHatJobSchema(input.text, input.yaml);
  if (!found) {
    return NO_OVERLAP;
  }
  const diagnostics = input.yaml.validate && input.jobLsp.validate;
  const completion = input.yaml.completion && !input.jobLsp.deferToYamlExtension;
  const hover = input.yaml.hover && !input.jobLsp.deferToYamlExtension;
  return { source: found.source, schema: found.schema, diagnostics, completion, hover, duplicated: diagnostics || completion || hover };
}

export type FixKind = 'file-modeline' | 'defer' | 'workspace-off' | 'edit-yaml-schemas';

export interface Fix {
  kind: FixKind;
  label: string;
  detail: string;
}

/** The fixes that make sense for an overlap, the most precise first. */
export function fixesFor(overlap: Overlap): Fix[] {
  if (!overlap.duplicated) {
    return [];
  }
  const fixes: Fix[] = [];
  if (overlap.source === '$schema') {
    // job-lsp reads the `$schema:` key before a modeline, so the file stays a job file for it.
    fixes.push({
      kind: 'file-modeline',
      label: 'Turn Red Hat schema checks off in this file',
      detail: `Adds "${NONE_MODELINE}" at the top (needs a Red Hat YAML version that knows $schema=none). Only this file changes.`,
    });
  }
  if (overlap.source === 'yaml.schemas') {
    fixes.push({
      kind: 'edit-yaml-schemas',
      label: 'Edit yaml.schemas',
      detail: `Remove the association of ${overlap.schema} with job files: job-lsp already checks them.`,
    });
  }
  if (overlap.completion || overlap.hover) {
    fixes.push({
      kind: 'defer',
      label: 'Leave completion and hover to Red Hat',
      detail: 'Sets jobLsp.deferToYamlExtension in this workspace. Both still report problems.',
    });
  }
  fixes.push({
    kind: 'workspace-off',
    label: 'Turn Red Hat validation, completion and hover off in this workspace',
    detail: 'Sets yaml.validate, yaml.completion and yaml.hover to false for every YAML file of this workspace.',
  });
  return fixes;
}

/** The settings a fix writes (workspace target), as [section, key, value]. */
export function settingsFor(kind: FixKind): Array<[string, string, unknown]> {
  switch (kind) {
    case 'defer':
      return [['jobLsp', 'deferToYamlExtension', true]];
    case 'workspace-off':
      return [
        ['yaml', 'validate', false],
        ['yaml', 'completion', false],
        ['yaml', 'hover', false],
      ];
    default:
      return [];
  }
}

/** The text to insert at the start of a document for the modeline fix ('' when it has one). */
export function modelineInsertion(text: string, eol: '\n' | '\r\n' = '\n'): string {
  if (modelineSchema(text) !== undefined) {
    return '';
  }
  return NONE_MODELINE + eol;
}

/** The one-time message; undefined when there is nothing to say. */
export function overlapMessage(overlap: Overlap): string | undefined {
  if (!overlap.duplicated) {
    return undefined;
  }
  const features = [
    overlap.diagnostics ? 'problems' : undefined,
    overlap.completion ? 'completions' : undefined,
    overlap.hover ? 'hovers' : undefined,
  ].filter(Boolean);
  const list = features.length > 1 ? `${features.slice(0, -1).join(', ')} and ${features[features.length - 1]}` : features[0];
  const where =
    overlap.source === 'yaml.schemas'
      ? `your yaml.schemas setting associates ${overlap.schema} with YAML files`
      : overlap.source === 'modeline'
        ? 'this file names an Azure ML job schema in its yaml-language-server comment'
        : "it reads this file's $schema";
  return `The Red Hat YAML extension also checks Azure ML job files (${where}), so ${list} may appear twice. Job LSP reads job files the way the Azure ML SDK does.`;
}
