Feature: The kubespec command line
  `kubespec init` scaffolds specs in a project (after `npm install --save-dev kubespec`):
  features/example.feature and a cucumber.js that loads kubespec's steps. `kubespec run [paths]
  [--tags] [--seed] [--parallel N] [--format] [--reports-dir] [--quiet]` runs them on the
  simulated cluster, prints a line per finished scenario and Cucumber's summary, writes the HTML,
  JUnit and messages reports, and exits 0 when every scenario passed, 1 otherwise.

  Scenario: A new project: kubespec init, then kubespec run
    Given a new project with kubespec installed
    When I run kubespec with "init"
    Then the output is:
      """
      created features/example.feature
      created cucumber.js
      Run the specs with: npx kubespec run
      """
    When I run kubespec with "init"
    Then the output contains "kept (exists) features/example.feature"
    When I run kubespec with "run --seed 7"
    Then kubespec exits with code 0
    And the output contains "[1/1] ✔ nginx starts on a worker node  features/example.feature:5  "
    And the output contains "kubespec: 1 passed (seed 7)"
    And the JUnit report has these testcases:
      | name                          | status |
      | nginx starts on a worker node | passed |

  Scenario: Bad options get a clear error and exit code 1
    When I run kubespec with "run --parallel two"
    Then the command fails with:
      """
      kubespec: --parallel must be a positive integer, not "two"
      """
