import { SectionOverview } from "./section-overview";

export function LogisticsSection() {
  return (
    <div data-testid="section-logistics">
      <SectionOverview kind="logistics" />
    </div>
  );
}
