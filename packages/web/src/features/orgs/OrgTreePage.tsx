export default function OrgTreePage() {
  return <div>OrgTreePage</div>;
}
