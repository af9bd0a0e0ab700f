import { SectionOverview } from "./section-overview";

export function LenderSection() {
  return <SectionOverview kind="lender" />;
}
