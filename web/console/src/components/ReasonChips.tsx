/** Handover reason codes (human_requested, frustration, …) as chips, each explained on hover. */
export function ReasonChips({ reasons, describe }: { reasons: string[]; describe: (code: string) => string }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="chips" aria-label="Reasons">
      {reasons.map((code) => (
        <li key={code} className="chip" title={describe(code)}>
          {code}
        </li>
      ))}
    </ul>
  );
}
