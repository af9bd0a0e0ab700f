import { SectionOverview } from "./section-overview";

export function LenderSection() {
  return (
    <div data-testid="section-lender">
      <SectionOverview kind="lender" />
    </div>
  );
}
