// Everything Cucumber needs besides the step definitions: the World, parameter types and hooks.
import { defineParameterType } from "@cucumber/cucumber";
import "./KubespecWorld.ts";
import "./hooks.ts";
import "./reportHooks.ts";
import { registerParameterTypes } from "./parameterTypes.ts";

registerParameterTypes(defineParameterType);
