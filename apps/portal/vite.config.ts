import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // antd and React change rarely: their own chunks stay cached across deploys.
        manualChunks: (id) =>
          id.includes("node_modules/antd") || id.includes("node_modules/@ant-design") || id.includes("node_modules/rc-")
            ? "antd"
            : id.includes("node_modules/react")
              ? "react"
              : undefined,
      },
    },
  },
  server: { proxy: { "/trpc": "http://localhost:3000", "/api": "http://localhost:3000" } },
});
