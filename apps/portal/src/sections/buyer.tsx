import { SectionOverview } from "./section-overview";

export function BuyerSection() {
  return <SectionOverview kind="buyer" />;
}
