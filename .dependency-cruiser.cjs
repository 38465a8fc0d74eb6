/**
 * The three layers of worker/ (docs/architecture.md): doors over the domain over mechanisms.
 * Type-only imports count like any other: a type names the module it comes from.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "mechanism-knows-no-product",
      comment:
        "A mechanism (sending, mail, pages, db, lib) receives what it needs; it imports no domain module and no door.",
      severity: "error",
      from: { path: "^worker/mechanisms/" },
      to: { path: "^worker/(domain|doors)/|^worker/index\\.ts$" },
    },
    {
      name: "mechanism-reads-no-content",
      comment: "The course, its rendered mails and the mail components are product: a mechanism is handed them.",
      severity: "error",
      from: { path: "^worker/mechanisms/" },
      to: { path: "^(\\.generated|content|emails)/" },
    },
    {
      name: "domain-knows-no-door",
      comment: "Only doors know HTTP: the domain imports no route or page.",
      severity: "error",
      from: { path: "^worker/domain/" },
      to: { path: "^worker/doors/|^worker/index\\.ts$" },
    },
    {
      name: "doors-only-from-the-entry",
      comment: "A door is mounted by the app (doors/app.ts) or the entry, never imported by another door's folder.",
      severity: "error",
      from: { path: "^worker/doors/(reader|author|webhooks|dev)/" },
      to: { path: "^worker/doors/app\\.ts$" },
    },
    {
      name: "no-folder-cycles",
      comment: "No two folders import each other, however far round: each folder sits above or below another.",
      severity: "error",
      scope: "folder",
      from: { path: "^worker/" },
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      from: { path: "^worker/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(worker|emails|\\.generated|content)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
