import type { UIMatch } from "react-router-dom"
import { useNavigate, useParams } from "react-router-dom"
import { useState } from "react"
import { DetailStates } from "../../../../components/detail-states"
import { TwoColumnLayout } from "../../../../components/layouts/two-column-layout"
import { useSegment } from "../../../../hooks/api/segments"
import { DeleteSegmentPrompt } from "../components/delete-segment-prompt"
import { SegmentEditor } from "../components/segment-editor"
import { SegmentBreadcrumb } from "./components/segment-breadcrumb"
import { SegmentConditionsSection } from "./components/segment-conditions-section"
import { SEGMENT_DETAIL } from "./components/segment-detail-states"
import { SegmentGeneralSection } from "./components/segment-general-section"
import { SegmentMembersSection } from "./components/segment-members-section"
import { ContactExportDrawer } from "../../../../components/contact-export-drawer"

const SegmentDetailPage = () => {
  const { id } = useParams()
  const navigate = useNavigate()
  const query = useSegment(id)
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [exporting, setExporting] = useState(false)

  return (
    <DetailStates
      query={query}
      record={query.segment}
      {...SEGMENT_DETAIL}
    >
      {(segment) => (
        <>
          <TwoColumnLayout
            main={
              <>
                <SegmentGeneralSection
                  segment={segment}
                  onEdit={() => setEditing(true)}
                  onDelete={() => setDeleting(true)}
                  onExport={() => setExporting(true)}
                />
                <SegmentMembersSection
                  segmentId={segment.id}
                  building={!segment.built_at}
                />
              </>
            }
            side={<SegmentConditionsSection definition={segment.definition} />}
          />
          {editing ? (
            <SegmentEditor segment={segment} onClose={() => setEditing(false)} />
          ) : null}
          {exporting ? (
            <ContactExportDrawer
              source={{ kind: "segment", segment_id: segment.id, name: segment.name }}
              onClose={() => setExporting(false)}
            />
          ) : null}
          {deleting ? (
            <DeleteSegmentPrompt
              segment={segment}
              onClose={() => setDeleting(false)}
              onDeleted={() => navigate("/marketing/segments", { replace: true })}
            />
          ) : null}
        </>
      )}
    </DetailStates>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => (
    <SegmentBreadcrumb id={(match.params as { id?: string }).id} />
  ),
}

export default SegmentDetailPage
