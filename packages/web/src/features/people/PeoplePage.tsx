export default function PeoplePage() {
  return <div>PeoplePage</div>;
}
