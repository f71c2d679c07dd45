-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "headId" UUID;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "positionCode" TEXT,
ADD COLUMN     "rankCode" TEXT;

-- CreateTable
CREATE TABLE "Position" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Rank" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,

    CONSTRAINT "Rank_pkey" PRIMARY KEY ("code")
);

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_headId_fkey" FOREIGN KEY ("headId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_positionCode_fkey" FOREIGN KEY ("positionCode") REFERENCES "Position"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_rankCode_fkey" FOREIGN KEY ("rankCode") REFERENCES "Rank"("code") ON DELETE SET NULL ON UPDATE CASCADE;
