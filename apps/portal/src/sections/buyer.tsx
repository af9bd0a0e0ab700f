import { SearchPage } from "../catalog/search-page";

export function BuyerSection() {
  return (
    <div data-testid="section-buyer">
      <SearchPage />
    </div>
  );
}
