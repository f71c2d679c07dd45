-- Statutory petition types (법정민원) added by administrators; the general types live in gov/petitions/types.ts.

-- CreateEnum
CREATE TYPE "PetitionLimitUnit" AS ENUM ('immediately', 'hours', 'days', 'weeks', 'months', 'years');

-- CreateTable
CREATE TABLE "PetitionType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "limitUnit" "PetitionLimitUnit" NOT NULL,
    "limitAmount" INTEGER,
    "basis" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PetitionType_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "PetitionType_limit_check" CHECK (("limitUnit" = 'immediately') = ("limitAmount" IS NULL) AND ("limitAmount" IS NULL OR "limitAmount" >= 1))
);
