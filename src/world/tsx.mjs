// Loaded first by cucumber.js: lets Cucumber import the TypeScript step definitions and World.
import { register } from "tsx/esm/api";

register();
