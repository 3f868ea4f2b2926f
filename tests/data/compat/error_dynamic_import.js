export default async function () {
  await import("./lib/math.js");
}
