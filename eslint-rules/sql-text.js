// Lint rule `local/sql-text`: the SQL given to `prepare`, `exec`, `readOne` or `readAll` is text the author wrote, never
// text built from values. Allowed: a string literal; a template whose every `${…}` is
// `ident(…)`, `idents(…)` or `placeholders(…)` (electron/core/store/sql.ts, which checks
// identifiers against the schema), or a `const` that is itself allowed SQL text; and `+` of those.
// A database handle is recognised by its name: `db` or `….db`.
// Anything else (a value, a property, a function's result) is refused: SQL takes values as `?`.

const CHECKED_HELPERS = new Set(['ident', 'idents', 'placeholders']);

function findConst(scope, name) {
  for (let s = scope; s; s = s.upper) {
    const variable = s.set.get(name);
    if (variable) {
      const def = variable.defs[0];
      if (def && def.type === 'Variable' && def.parent.kind === 'const' && def.node.init) return def.node.init;
      return null;
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const sqlText = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL passed to prepare/exec is written text; identifiers only through ident()/idents()' },
    schema: [],
    messages: {
      built: 'SQL built from {{what}}: bind values as ? parameters, and pass table or column names through ident()/idents() from electron/core/store/sql.ts.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    /** Returns the offending node, or null when `node` is SQL text we can vouch for. */
    function offender(node, scope, seen) {
      if (node.type === 'Literal') return typeof node.value === 'string' ? null : node;
      if (node.type === 'TemplateLiteral') {
        for (const e of node.expressions) {
          if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && CHECKED_HELPERS.has(e.callee.name)) continue;
          const bad = offender(e, scope, seen);
          if (bad) return bad;
        }
        return null;
      }
      if (node.type === 'BinaryExpression' && node.operator === '+') return offender(node.left, scope, seen) ?? offender(node.right, scope, seen);
      if (node.type === 'Identifier') {
        if (seen.has(node.name)) return node;
        const init = findConst(scope, node.name);
        if (!init) return node;
        return offender(init, scope, new Set([...seen, node.name])) ? node : null;
      }
      return node;
    }
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && (callee.name === 'readOne' || callee.name === 'readAll')) {
          const text = node.arguments[1];
          const bad = text && offender(text, sourceCode.getScope(node), new Set());
          if (bad) context.report({ node: bad, messageId: 'built', data: { what: `\`${sourceCode.getText(bad).slice(0, 60)}\`` } });
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        if (callee.property.name !== 'prepare' && callee.property.name !== 'exec') return;
        // a database handle is `db` or `….db` here; RegExp#exec and others are not SQL
        if (!/(^|\.)db$/.test(sourceCode.getText(callee.object))) return;
        const sql = node.arguments[0];
        if (!sql) return;
        const bad = offender(sql, sourceCode.getScope(node), new Set());
        if (bad) context.report({ node: bad, messageId: 'built', data: { what: `\`${sourceCode.getText(bad).slice(0, 60)}\`` } });
      },
    };
  },
};

export default { rules: { 'sql-text': sqlText } };
