import { createBrowserRouter, Navigate } from "react-router";
import { AppShell, HomeRedirect } from "./shell/app-shell";
import { SignInPage } from "./shell/sign-in-page";

// One lazily loaded section per role: a buyer never downloads the operator's pages.
export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  {
    path: "/",
    element: <AppShell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: "merchant", lazy: async () => ({ Component: (await import("./sections/merchant")).MerchantSection }) },
      { path: "buyer", lazy: async () => ({ Component: (await import("./sections/buyer")).BuyerSection }) },
      { path: "logistics", lazy: async () => ({ Component: (await import("./sections/logistics")).LogisticsSection }) },
      { path: "lender", lazy: async () => ({ Component: (await import("./sections/lender")).LenderSection }) },
      { path: "operator", lazy: async () => ({ Component: (await import("./sections/operator")).OperatorSection }) },
      {
        path: "storefronts/:storefrontId",
        lazy: async () => ({ Component: (await import("./catalog/storefront-page")).StorefrontPage }),
      },
      { path: "team", lazy: async () => ({ Component: (await import("./sections/team")).TeamPage }) },
      { path: "developers", lazy: async () => ({ Component: (await import("./sections/developers")).DevelopersPage }) },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);
