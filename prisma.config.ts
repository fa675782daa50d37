import { defineConfig } from "prisma/config";

// The app applies prisma/migrations itself (src/store/migrator.ts); this file only tells the
// CLI where the schema and migrations live, for `prisma generate` and `prisma migrate status`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/delegering" },
});
