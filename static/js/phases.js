// The routine player's timeline, as pure functions of the dose and the clock (static/js/player.js draws it).
const REST_S = 45;   // rest between sets
const RELAX_S = 5;   // pause between two holds

export function fmt(text, vars = {}) {
  return text.replace(/%\((\w+)\)[sd]/g, (_, name) => String(vars[name] ?? ""));
}

// The whole session as a list of phases; `seconds` makes a phase timed (it ends by itself).
export function routinePhases(c, S) {
  const out = (c.steps || []).map((text, i) => ({ type: "step", text, label: fmt(S.step, { n: i + 1, total: c.steps.length }) }));
  const sets = c.sets || 1;
  if (c.reps || (c.hold_seconds && !c.minutes)) {
    const reps = c.reps || 1;
    for (let set = 1; set <= sets; set += 1) {
      const label = fmt(S.set, { n: set, total: sets });
      if (c.hold_seconds) {
        for (let rep = 1; rep <= reps; rep += 1) {
          out.push({ type: "hold", seconds: c.hold_seconds, label, text: fmt(S.hold, { n: rep, total: reps }) });
          if (rep < reps) out.push({ type: "relax", seconds: RELAX_S, label, text: S.relax });
        }
      } else {
        out.push({ type: "reps", reps, label, text: fmt(S.reps, { total: reps }) });
      }
      if (set < sets) out.push({ type: "rest", seconds: REST_S, label, text: S.rest });
    }
  } else if (c.minutes) {
    out.push({ type: c.kind === "heat_cold" ? "heat" : "timed", seconds: c.minutes * 60, label: S.keepGoing,
      text: c.kind === "heat_cold" ? S.heatText : S.timedText });
  }
  out.push({ type: "done", label: S.doneLabel, text: S.doneText });
  return out;
}

export function pacingPhases(p, S) {
  const out = [];
  for (let round = 1; round <= p.rounds; round += 1) {
    const label = fmt(S.round, { n: round, total: p.rounds });
    out.push({ type: "activity", seconds: p.activity * 60, label, text: fmt(S.activity, { name: p.name }) });
    if (round < p.rounds) out.push({ type: "rest", seconds: p.rest * 60, label, text: S.pacingRest });
  }
  out.push({ type: "done", label: S.doneLabel, text: S.pacingDone });
  return out;
}

// Where the session is now: walks through every timed phase that has ended since it started.
export function position(phases, state, now) {
  let { i, startedAt } = state;
  const at = state.pausedAt ?? now;
  while (phases[i]?.seconds && at - startedAt >= phases[i].seconds * 1000) {
    startedAt += phases[i].seconds * 1000;
    i += 1;
  }
  return { i, startedAt, left: phases[i]?.seconds ? phases[i].seconds * 1000 - (at - startedAt) : null };
}
