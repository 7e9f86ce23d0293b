// Everything Cucumber needs besides the step definitions: the World, parameter types and hooks.
import "./KubespecWorld.ts";
import "./parameterTypes.ts";
import "./hooks.ts";
