CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
