-- CreateEnum
CREATE TYPE "HolidayOverrideKind" AS ENUM ('DECLARED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "HolidayOverride" (
    "date" DATE NOT NULL,
    "kind" "HolidayOverrideKind" NOT NULL,
    "name" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HolidayOverride_pkey" PRIMARY KEY ("date")
);
