package org.yiwang.registry.web;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.registry.CareTeamDetail;
import org.yiwang.registry.CareTeamRole;

/** The family-doctor team form: one person per fixed role, village doctors and covered clinics as lists. */
public class CareTeamFormBean {

    private String nameZh = "";
    private String nameEn = "";
    private String baseOrganisationId = "";
    private List<String> covered = new ArrayList<>();
    private String lead = "";
    private String nurse = "";
    private String publicHealth = "";
    private String specialist = "";
    private List<String> villageDoctors = new ArrayList<>();
    private boolean active = true;
    private int version;

    static CareTeamFormBean of(CareTeamDetail team) {
        CareTeamFormBean bean = new CareTeamFormBean();
        bean.nameZh = team.team().nameZh();
        bean.nameEn = team.team().nameEn();
        bean.baseOrganisationId = String.valueOf(team.team().baseOrganisationId());
        bean.covered = new ArrayList<>(team.coveredClinics().stream().map(c -> String.valueOf(c.id())).toList());
        for (CareTeamDetail.Member m : team.members()) {
            String id = String.valueOf(m.practitioner().id());
            switch (m.role()) {
                case LEAD_DOCTOR -> bean.lead = id;
                case NURSE -> bean.nurse = bean.nurse.isEmpty() ? id : bean.nurse;
                case PUBLIC_HEALTH -> bean.publicHealth = bean.publicHealth.isEmpty() ? id : bean.publicHealth;
                case SPECIALIST -> bean.specialist = bean.specialist.isEmpty() ? id : bean.specialist;
                case VILLAGE_DOCTOR -> bean.villageDoctors.add(id);
                case ASSISTANT -> { }
            }
        }
        bean.active = team.team().active();
        bean.version = team.version();
        return bean;
    }

    /** Members of roles this form does not edit (assistants, second nurses), kept as they are. */
    static List<CareTeamDetail.Member> untouched(CareTeamDetail team) {
        CareTeamFormBean shown = of(team);
        List<CareTeamDetail.Member> kept = new ArrayList<>();
        for (CareTeamDetail.Member m : team.members()) {
            String id = String.valueOf(m.practitioner().id());
            boolean inForm = switch (m.role()) {
                case LEAD_DOCTOR -> true;
                case NURSE -> id.equals(shown.nurse);
                case PUBLIC_HEALTH -> id.equals(shown.publicHealth);
                case SPECIALIST -> id.equals(shown.specialist);
                case VILLAGE_DOCTOR -> true;
                case ASSISTANT -> false;
            };
            if (!inForm) {
                kept.add(m);
            }
        }
        return kept;
    }

    static boolean isFormRole(CareTeamRole role) {
        return role != CareTeamRole.ASSISTANT;
    }

    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getBaseOrganisationId() { return baseOrganisationId; }
    public void setBaseOrganisationId(String baseOrganisationId) { this.baseOrganisationId = baseOrganisationId; }
    public List<String> getCovered() { return covered; }
    public void setCovered(List<String> covered) { this.covered = covered == null ? new ArrayList<>() : covered; }
    public String getLead() { return lead; }
    public void setLead(String lead) { this.lead = lead; }
    public String getNurse() { return nurse; }
    public void setNurse(String nurse) { this.nurse = nurse; }
    public String getPublicHealth() { return publicHealth; }
    public void setPublicHealth(String publicHealth) { this.publicHealth = publicHealth; }
    public String getSpecialist() { return specialist; }
    public void setSpecialist(String specialist) { this.specialist = specialist; }
    public List<String> getVillageDoctors() { return villageDoctors; }
    public void setVillageDoctors(List<String> villageDoctors) { this.villageDoctors = villageDoctors == null ? new ArrayList<>() : villageDoctors; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
