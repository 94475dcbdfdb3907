export default function PersonPage() {
  return <div>PersonPage</div>;
}
