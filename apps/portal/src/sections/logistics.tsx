import { SectionOverview } from "./section-overview";

export function LogisticsSection() {
  return <SectionOverview kind="logistics" />;
}
