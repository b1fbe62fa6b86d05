import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CheckOptions, checkSchemaFileSize, compileCustomSchema, Locale, MAX_SCHEMA_FILE_MB, memoKindOf, refusalText, SchemaRefusal, t, tn, toLocale } from '../engine';
import { isInside } from '../files/limits';
import { readNamedTextSync } from '../files/read';
import { exportCommand } from './export';
import { FileListError, readFileList } from './file-list';
import { findMemoFiles, InputError } from './files';
import { FileReport, formatJson, formatStylish } from './format';
import { formatGithub } from './github';
import { ignoreMatcher } from '../workspace/ignore';
import { FileError } from './lint';
import { checkedRoot, lintFiles } from './lint-files';
import { LintWorkerError, lintInWorkers, workersFor } from './parallel';
import { formatSarif } from './sarif';
import { say, terminalLines } from './terminal';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The lint workers' script, when not the CLI's own (a test supplies one that fails). */
  workerScript?: string;
  /** Standard input, opened only for `lint -` (a file list); none reads as an empty list. */
  stdin?: () => AsyncIterable<Buffer | string>;
}

const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type LintFormat = (typeof LINT_FORMATS)[number];

/** What `lint` was asked for, once the command line is checked. */
interface LintRequest {
  /** Files, folders and globs named on the command line (`-` aside). */
  named: string[];
  /** Whether `-` asked for a file list on standard input. */
  listed: boolean;
  format: LintFormat;
  fix: boolean;
  quiet: boolean;
  maxWarnings?: number;
  /** `--jobs`: how many threads lint (1: this one only); undefined: as the machine suits (parallel.ts `workersFor`). */
  jobs?: number;
  ignore: string[];
  schema?: string;
}

/** The locale from the usual environment variables, as gettext reads them. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/**
 * Runs the CLI and returns its exit code: 0 no errors, 1 errors found (or more warnings than
 * --max-warnings), 2 bad usage or unreadable input. `export` answers with a promise (the Word writer
 * and the PDF printer are asynchronous), and so does `lint -` (it reads standard input); `lint` does not.
 */
export function runCli(argv: readonly string[], rawIo: CliIo): number | Promise<number> {
  const io = terminalIo(rawIo);
  let locale = localeFromEnv(io.env);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        browser: { type: 'string' },
        fix: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        schema: { type: 'string' },
        locale: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.stderr(usageError(error as NodeJS.ErrnoException, localeFromArgs(argv) ?? locale));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.locale !== undefined) {
    if (values.locale !== 'en' && values.locale !== 'fr') {
      io.stderr(say(locale, 'cli.badLocale', { locale: values.locale }));
      return 2;
    }
    locale = values.locale;
  }
  if (values.version) {
    io.stdout(version());
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    io.stdout(t(locale, 'cli.help'));
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'export') return runExport(inputs, values, locale, io);
  if (command !== 'lint') {
    io.stderr(say(locale, 'cli.unknownCommand', { command }));
    return 2;
  }
  if (values.output !== undefined || values.browser !== undefined) {
    io.stderr(t(locale, 'cli.outputOnlyForExport'));
    return 2;
  }
  const format = values.format ?? 'stylish';
  if (!(LINT_FORMATS as readonly string[]).includes(format)) {
    io.stderr(say(locale, 'cli.badFormat', { format }));
    return 2;
  }
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d{1,9}$/.test(maxWarnings)) {
    io.stderr(say(locale, 'cli.badMaxWarnings', { value: maxWarnings }));
    return 2;
  }
  const jobs = values.jobs;
  if (jobs !== undefined && !/^[1-9]\d{0,2}$/.test(jobs)) {
    io.stderr(say(locale, 'cli.badJobs', { value: jobs }));
    return 2;
  }
  const request: LintRequest = {
    named: inputs.filter((input) => input !== '-'),
    listed: inputs.includes('-'),
    format: format as LintFormat,
    fix: values.fix === true,
    quiet: values.quiet === true,
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    jobs: jobs === undefined ? undefined : Number(jobs),
    ignore: values.ignore ?? [],
    schema: values.schema,
  };
  if (!request.listed) return lint(request, undefined, locale, io);
  return readList(io).then(
    (list) => lint(request, list, locale, io),
    (error: unknown) => reportInputError(error, locale, io),
  );
}

/** The file list of `lint -`; a stream that fails is said as a FileListError. */
async function readList(io: CliIo): Promise<string[]> {
  if (!io.stdin) return [];
  try {
    return await readFileList(io.stdin());
  } catch (error) {
    if (error instanceof FileListError) throw error;
    throw new FileListError('cli.listNoInput', { reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/** `lint`: finds the memos (named, and listed on standard input), lints them and prints the reports; returns the exit code. */
function lint(request: LintRequest, list: string[] | undefined, locale: Locale, io: CliIo): number {
  const options: CheckOptions = { locale };
  try {
    // Read once: the workers get its text, as a second read of a pipe (`--schema <(cat s.json)`) finds it empty.
    const schema = request.schema ? loadSchema(path.resolve(io.cwd, request.schema), request.schema, checkedRoot(io.cwd)) : undefined;
    if (schema) options.schema = schema.compiled;
    const root = checkedRoot(io.cwd);
    const named = request.named.length > 0 || !list ? findMemoFiles(request.named.length > 0 ? request.named : ['.'], io.cwd) : [];
    const ignored = ignoreMatcher(request.ignore, io.cwd);
    const files = [...new Set([...named, ...listedMemos(list ?? [], root, io.cwd)])].filter((file) => !ignored(file)).sort();
    // A list on standard input may hold no memo (a change to other files): nothing to check is then no error.
    if (files.length === 0 && !list) {
      io.stderr(t(locale, 'cli.noFiles'));
      return 2;
    }
    // Many files are linted on every core; --fix stays sequential so it stops at the first file it cannot write.
    const workers = request.fix ? 0 : workersFor(files.length, request.jobs);
    const all: FileReport[] =
      workers > 0 ? lintInWorkers(files, io.cwd, locale, schema?.text, workers, io.workerScript) : lintFiles(files, io.cwd, options, request.fix, locale);
    const warnings = all.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
    const reports = request.quiet ? all.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : all;
    io.stdout(formatReports(reports, request.format, locale, io.cwd, root));
    const errors = all.some((r) => r.findings.some((f) => f.severity === 'error'));
    if (request.maxWarnings !== undefined && warnings > request.maxWarnings) {
      io.stderr(tn(locale, 'cli.tooManyWarnings', warnings, { max: request.maxWarnings }));
      return 1;
    }
    return errors ? 1 : 0;
  } catch (error) {
    return reportInputError(error, locale, io);
  }
}

function formatReports(reports: FileReport[], format: LintFormat, locale: Locale, cwd: string, root: string): string {
  if (format === 'json') return formatJson(reports);
  if (format === 'sarif') return formatSarif(reports, { locale, version: version(), cwd, root });
  if (format === 'github') return formatGithub(reports, cwd, root, locale);
  return formatStylish(reports, locale);
}

/**
 * The memo files of a list read on standard input: other files (a diff's README.md) are left out, and
 * a path outside the checked folder is refused, as it would be read from outside the workspace.
 */
function listedMemos(list: readonly string[], root: string, cwd: string): string[] {
  const files: string[] = [];
  for (const line of list) {
    const file = path.resolve(cwd, line);
    if (!memoKindOf(file)) continue;
    if (!isInside(root, file)) throw new FileListError('cli.listOutside', { path: line, root });
    files.push(file);
  }
  return files;
}

/** Whatever reaches the terminal goes through here: no control character but the newlines between lines. */
function terminalIo(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(terminalLines(text)), stderr: (text) => io.stderr(terminalLines(text)) };
}

/** A `--locale` given on a command line that failed to parse, so even that error is in the writer's language. */
function localeFromArgs(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i].startsWith('--locale=') ? argv[i].slice('--locale='.length) : argv[i] === '--locale' ? argv[i + 1] : undefined;
    if (value === 'en' || value === 'fr') return value;
  }
  return undefined;
}

/** Node's parseArgs errors are English prose; they are recognised by code and said again from the catalogue. */
function usageError(error: NodeJS.ErrnoException, locale: Locale): string {
  const option = /'([^' ]+)/.exec(error.message)?.[1];
  if (option && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return say(locale, 'cli.unknownOption', { option });
  if (option && error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // A string option (--format, --schema, --locale, -o/--output) lacks its value; a boolean one was given a value.
    const missing = /^--(format|schema|locale|output|browser|max-warnings|jobs|ignore)$|^-o,$/.test(option);
    return say(locale, missing ? 'cli.missingValue' : 'cli.noValue', { option: option.replace(/,$/, '') });
  }
  return say(locale, 'cli.badOption', { message: error.message });
}

async function runExport(
  inputs: string[],
  values: { format?: string; output?: string; schema?: string; browser?: string },
  locale: Locale,
  io: CliIo,
): Promise<number> {
  const report = (error: unknown) => reportInputError(error, locale, io);
  try {
    const options: CheckOptions & { locale: Locale } = { locale };
    if (values.schema) options.schema = loadSchema(path.resolve(io.cwd, values.schema), values.schema, checkedRoot(io.cwd)).compiled;
    return await exportCommand({ inputs, format: values.format, output: values.output, browser: values.browser }, options, io, report);
  } catch (error) {
    return report(error);
  }
}

/** Says why a file or schema named on the command line cannot be used, or why the check stopped; exit code 2. */
function reportInputError(error: unknown, locale: Locale, io: CliIo): number {
  if (error instanceof InputError) io.stderr(say(locale, error.id, { path: error.target }));
  else if (error instanceof FileListError) io.stderr(say(locale, error.id, error.params));
  else if (error instanceof FileError) io.stderr(say(locale, error.id, { path: path.relative(io.cwd, error.file) || error.file, reason: fileErrorReason(error, locale) }));
  else if (error instanceof SchemaFileError) {
    const reason = error.cause instanceof SchemaRefusal ? t(locale, error.cause.id, error.cause.params) : error.message;
    io.stderr(say(locale, 'cli.badSchema', { path: error.shown, reason }));
  } else if (error instanceof LintWorkerError) {
    const { failure } = error;
    io.stderr('message' in failure ? say(locale, 'cli.workerFailed', { reason: failure.message }) : say(locale, 'cli.workerExited', { code: failure.code }));
  } else throw error;
  return 2;
}

/** A refused write is said from the catalogue; any other failure gives the system's error code. */
function fileErrorReason(error: FileError, locale: Locale): string {
  if (error.refusal) return refusalText(locale, error.refusal);
  return error.writeRefusal ? t(locale, `writeRefused.${error.writeRefusal}`) : error.reason;
}

class SchemaFileError extends Error {
  constructor(
    readonly shown: string,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * A `--schema` file's text: a regular file inside the command's workspace (`root`) of at most
 * MAX_SCHEMA_FILE_MB (a FIFO, a device or a link to one is refused, never waited on), or a pipe.
 */
function readSchemaFile(file: string, root: string): string {
  // The limit is on characters (checkSchemaFileSize): a UTF-8 character is at most 4 bytes.
  const read = readNamedTextSync(file, { maxBytes: MAX_SCHEMA_FILE_MB * 4 * 1024 * 1024, root });
  if ('text' in read) return read.text;
  if (read.refused === 'notUtf8') throw new FileError('cli.notUtf8', file);
  throw new FileError('cli.unreadable', file, read.refused, read);
}

/** A custom schema named on the command line: its text and its compiled form. */
function loadSchema(file: string, shown: string, root: string) {
  try {
    const text = readSchemaFile(file, root);
    checkSchemaFileSize(text);
    return { text, compiled: compileCustomSchema(JSON.parse(text)) };
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new SchemaFileError(shown, (error as Error).message, error);
  }
}

function version(): string {
  for (const candidate of ['../package.json', '../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(__dirname, candidate), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policy-memo') return String(pkg.version);
    } catch {
      // try the next place: the bundle and the compiled sources sit at different depths
    }
  }
  return 'unknown';
}

/** The `policy-memo` command (bin/policy-memo.js). */
export function main(): void {
  const argv = process.argv.slice(2);
  // Not Node's own report of an uncaught error, which would print the message (it may quote a memo) raw.
  const fail = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(terminalLines(say(localeFromArgs(argv) ?? localeFromEnv(process.env), 'cli.internalError', { reason })) + '\n');
    process.exitCode = 2;
  };
  try {
    const code = runCli(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdout: (text) => process.stdout.write(text + '\n'),
      stderr: (text) => process.stderr.write(text + '\n'),
      stdin: () => process.stdin,
    });
    if (typeof code === 'number') process.exitCode = code;
    else void code.then((exit) => (process.exitCode = exit), fail);
  } catch (error) {
    fail(error);
  }
}
