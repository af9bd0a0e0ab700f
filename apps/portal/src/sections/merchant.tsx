import { SectionOverview } from "./section-overview";

export function MerchantSection() {
  return <SectionOverview kind="merchant" />;
}
