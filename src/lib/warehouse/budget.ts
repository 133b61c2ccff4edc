/** `budget`: the loaded budget (`budget_base`) with the budget lines entered in the app (`app_budget`) applied. */

/** Statements that make `budget` = the loaded budget (`baseSelect`) with the app's entries applied. */
export function budgetViewStatements(baseSelect: string): string[] {
  return [
    'CREATE TABLE IF NOT EXISTS app_budget (period DATE, unit_type VARCHAR, unit VARCHAR, line VARCHAR, amount DOUBLE)',
    `CREATE OR REPLACE VIEW budget_base AS ${baseSelect}`,
    `CREATE OR REPLACE VIEW budget AS
SELECT b.period, b.unit_type, b.unit, b.line, b.amount FROM budget_base b
WHERE NOT EXISTS (SELECT 1 FROM app_budget a WHERE a.period = b.period AND a.unit_type = b.unit_type AND a.unit = b.unit AND a.line = b.line)
UNION ALL SELECT period, unit_type, unit, line, amount FROM app_budget`,
  ];
}
