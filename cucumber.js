// Cucumber configuration: TypeScript support is registered first, then the World and the steps.
// Features default to features/**/*.feature.
export default {
  import: ["src/world/tsx.mjs", "src/world/support.ts", "steps/**/*.steps.ts"],
  format: [
    "progress",
    "html:reports/cucumber.html",
    "junit:reports/junit.xml",
    "message:reports/messages.ndjson",
  ],
  formatOptions: { snippetInterface: "async-await" },
  strict: true,
};
