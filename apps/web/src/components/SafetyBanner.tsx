/** Shown on every page, signed in or not. */
export function SafetyBanner() {
  return (
    <div className="safety-banner" role="note">
      <strong>Decision support — verify before clinical use.</strong> The surgeon decides.
    </div>
  );
}
