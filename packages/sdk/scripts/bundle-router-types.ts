/**
 * Writes the API's router type out in full for the published package.
 *
 * `AppRouter` lives in `@tradecloud/api`, a private workspace package whose type drags in the
 * server's context (database, logger, job queue). Declaration bundlers cannot inline it: the API's
 * own declarations do not emit (a non-exported recursive interface), and its context types come
 * from server-only packages. What a client needs is only each procedure's kind, input and output
 * plus the error shape, so this script reads those with the TypeScript checker, prints them as
 * plain types into `dist/app-router.d.ts`, points `dist/index.d.ts` at that file, and then checks
 * that the printed router gives exactly the inputs and outputs of the real one.
 *
 *   tsx scripts/bundle-router-types.ts   (run by `npm run build` after tsup)
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = join(packageDir, "dist");

function loadProgram(rootNames: string[], overrides: ts.CompilerOptions = {}) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  return ts.createProgram(rootNames, { ...config.options, noEmit: true, ...overrides });
}

const program = loadProgram([join(packageDir, "src/index.ts")]);
const checker = program.getTypeChecker();

function exportedType(file: string, name: string): ts.Type {
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
  if (!exported) throw new Error(`${file} does not export ${name}`);
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  return checker.getDeclaredTypeOfSymbol(symbol);
}

function property(type: ts.Type, name: string): ts.Type {
  const symbol = checker.getPropertyOfType(type, name);
  if (!symbol) throw new Error(`no ${name} on ${checker.typeToString(type)}`);
  return checker.getTypeOfSymbol(symbol);
}

const isLibrary = (symbol: ts.Symbol) =>
  (symbol.declarations ?? []).length > 0 &&
  (symbol.declarations ?? []).every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

/** Named declarations for recursive types (CategoryNode's children are CategoryNodes). */
const declarations: string[] = [];
const names = new Map<ts.Type, string>();
const printing = new Set<ts.Type>();
const usedNames = new Set<string>();

function nameFor(type: ts.Type): string {
  const existing = names.get(type);
  if (existing) return existing;
  const base = type.aliasSymbol?.name ?? type.getSymbol()?.name ?? "Recursive";
  let name = /^__/.test(base) ? "Recursive" : base;
  for (let n = 2; usedNames.has(name); n++) name = `${base}${n}`;
  usedNames.add(name);
  names.set(type, name);
  return name;
}

const wrap = (text: string) => (/[|&]/.test(text) && !/^[{[(]/.test(text) ? `(${text})` : text);

function print(type: ts.Type): string {
  const f = type.flags;
  if (f & ts.TypeFlags.Any) return "any";
  if (f & ts.TypeFlags.Unknown) return "unknown";
  if (f & ts.TypeFlags.String) return "string";
  if (f & ts.TypeFlags.Number) return "number";
  if (f & ts.TypeFlags.Boolean) return "boolean";
  if (f & ts.TypeFlags.BigInt) return "bigint";
  if (f & ts.TypeFlags.Void) return "void";
  if (f & ts.TypeFlags.Undefined) return "undefined";
  if (f & ts.TypeFlags.Null) return "null";
  if (f & ts.TypeFlags.Never) return "never";
  if (type.isStringLiteral()) return JSON.stringify(type.value);
  if (type.isNumberLiteral()) return String(type.value);
  if (f & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
  if (f & ts.TypeFlags.TemplateLiteral) return checker.typeToString(type);
  if (type.isUnion()) {
    const parts = [...new Set(type.types.map((t) => wrap(print(t))))];
    if (parts.includes("true") && parts.includes("false")) {
      parts.splice(parts.indexOf("true"), 1, "boolean");
      parts.splice(parts.indexOf("false"), 1);
    }
    return parts.join(" | ");
  }
  if (type.isIntersection()) return type.types.map((t) => wrap(print(t))).join(" & ");
  if (f & ts.TypeFlags.Object) return printObject(type as ts.ObjectType);
  throw new Error(`cannot print ${checker.typeToString(type)}`);
}

function printObject(type: ts.ObjectType): string {
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    const readonly = type.getSymbol()?.name === "ReadonlyArray" ? "readonly " : "";
    return `${readonly}${wrap(print(element ?? checker.getUnknownType()))}[]`;
  }
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type as ts.TypeReference);
    return `[${elements.map(print).join(", ")}]`;
  }
  const symbol = type.getSymbol();
  if (symbol && isLibrary(symbol) && !symbol.name.startsWith("__")) {
    // Date, Uint8Array, Map<…>: global names every consumer has.
    const args = type.flags & ts.TypeFlags.Object ? checker.getTypeArguments(type as ts.TypeReference) : [];
    return args.length ? `${symbol.name}<${args.map(print).join(", ")}>` : symbol.name;
  }
  if (printing.has(type)) return nameFor(type);
  if (type.getCallSignatures().length > 0)
    throw new Error(`a function in a procedure type: ${checker.typeToString(type)}`);

  printing.add(type);
  const members = checker.getPropertiesOfType(type).map((p) => {
    const optional = p.flags & ts.SymbolFlags.Optional ? "?" : "";
    return `${key(p.name)}${optional}: ${print(checker.getTypeOfSymbol(p))};`;
  });
  for (const info of checker.getIndexInfosOfType(type)) {
    members.push(`[key: ${print(info.keyType)}]: ${print(info.type)};`);
  }
  printing.delete(type);
  const text = members.length ? `{ ${members.join(" ")} }` : "{}";
  const name = names.get(type);
  if (!name) return text;
  declarations.push(`type ${name} = ${text};`);
  return name;
}

function printRecord(record: ts.Type, indent: string): string {
  const lines = checker.getPropertiesOfType(record).map((entry) => {
    const value = checker.getTypeOfSymbol(entry);
    const def = checker.getPropertyOfType(value, "_def");
    const isProcedure = def && checker.getPropertyOfType(checker.getTypeOfSymbol(def), "procedure");
    if (!isProcedure) return `${indent}${key(entry.name)}: ${printRecord(value, `${indent}  `)};`;
    const defType = property(value, "_def");
    const kind = property(defType, "type");
    if (!kind.isStringLiteral()) throw new Error(`${entry.name}: unknown procedure type`);
    const generic = { query: "TRPCQueryProcedure", mutation: "TRPCMutationProcedure" }[kind.value];
    if (!generic) throw new Error(`${entry.name}: ${kind.value} procedures are not supported`);
    const types = property(defType, "$types");
    const input = print(property(types, "input"));
    const output = print(property(types, "output"));
    return `${indent}${key(entry.name)}: ${generic}<{ meta: object; input: ${input}; output: ${output} }>;`;
  });
  return `{\n${lines.join("\n")}\n${indent.slice(2)}}`;
}

const appRouter = exportedType(join(packageDir, "src/index.ts"), "AppRouter");
const routerDef = property(appRouter, "_def");
const procedures = printRecord(property(routerDef, "record"), "  ");
const errorShape = print(property(property(property(routerDef, "_config"), "$types"), "errorShape"));

const output = `// Generated by scripts/bundle-router-types.ts from the API's router at build time; do not edit.
import type {
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from "@trpc/server";

${declarations.join("\n")}
type ErrorShape = ${errorShape};
type Procedures = ${procedures};

/** The Tradecloud API's procedures, with their inputs and outputs. */
export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: object; errorShape: ErrorShape; transformer: true }, Procedures>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
`;
writeFileSync(join(distDir, "app-router.d.ts"), output);

const indexDts = join(distDir, "index.d.ts");
const bundled = readFileSync(indexDts, "utf8").replaceAll(/(["'])@tradecloud\/api\1/g, "'./app-router.js'");
if (/@tradecloud\//.test(bundled)) throw new Error("dist/index.d.ts still names a workspace package");
writeFileSync(indexDts, bundled);

// The printed router must give the same inputs, outputs and errors as the real one.
const checkFile = join(distDir, "app-router.check.ts");
writeFileSync(
  checkFile,
  `import type { AppRouter as Source } from "@tradecloud/api";
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter as Published } from "./app-router.js";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const inputs: Same<inferRouterInputs<Source>, inferRouterInputs<Published>> = true;
export const outputs: Same<inferRouterOutputs<Source>, inferRouterOutputs<Published>> = true;
export const errors: Same<inferRouterError<Source>, inferRouterError<Published>> = true;
`,
);
try {
  // skipLibCheck off, so the published .d.ts files are checked too, as a strict consumer would.
  const check = loadProgram([checkFile, indexDts], { skipLibCheck: false });
  const problems = [checkFile, indexDts, join(distDir, "app-router.d.ts")].flatMap((file) => {
    const source = check.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the check program`);
    return [...check.getSyntacticDiagnostics(source), ...check.getSemanticDiagnostics(source)];
  });
  if (problems.length > 0) {
    const host = {
      getCanonicalFileName: (f: string) => f,
      getCurrentDirectory: () => packageDir,
      getNewLine: () => "\n",
    };
    throw new Error(`dist/*.d.ts do not check out against the API:\n${ts.formatDiagnostics(problems, host)}`);
  }
} finally {
  rmSync(checkFile);
}
console.log(`dist/app-router.d.ts: ${output.length} characters, same inputs and outputs as @tradecloud/api`);
