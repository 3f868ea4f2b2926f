export default function () {
  open('./lib/text.txt');
}
