import { useQuery } from "@tanstack/react-query";
import { requestState, useTRPC } from "../trpc";

/** The signed-in person, or null when nobody is signed in. Keeps the CSRF token for mutations. */
export function useMe() {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.auth.me.queryOptions(),
    retry: false,
    staleTime: 60_000,
  });
  requestState.csrfToken = query.data?.csrfToken ?? null;
  return query;
}
