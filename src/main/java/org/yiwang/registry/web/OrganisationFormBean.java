package org.yiwang.registry.web;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.registry.OrganisationDetail;
import org.yiwang.registry.ServiceCode;

/**
 * The organisation form as submitted: text as typed, so a bad number re-renders with a field message instead of a
 * binding failure. Holds only the editable fields.
 */
public class OrganisationFormBean {

    private String code = "";
    private String nameZh = "";
    private String nameEn = "";
    private String shortNameZh = "";
    private String shortNameEn = "";
    private String type = "";
    private String parentId = "";
    private String divisionCode = "";
    private String address = "";
    private String latitude = "";
    private String longitude = "";
    private String beds = "";
    private boolean active = true;
    private List<String> services = new ArrayList<>();
    private int version;

    static OrganisationFormBean of(OrganisationDetail o) {
        OrganisationFormBean bean = new OrganisationFormBean();
        bean.code = o.code();
        bean.nameZh = o.nameZh();
        bean.nameEn = o.nameEn();
        bean.shortNameZh = o.shortNameZh() == null ? "" : o.shortNameZh();
        bean.shortNameEn = o.shortNameEn() == null ? "" : o.shortNameEn();
        bean.type = o.type().name();
        bean.parentId = o.parentId() == null ? "" : o.parentId().toString();
        bean.divisionCode = o.divisionCode();
        bean.address = o.address() == null ? "" : o.address();
        bean.latitude = o.latitude() == null ? "" : o.latitude().stripTrailingZeros().toPlainString();
        bean.longitude = o.longitude() == null ? "" : o.longitude().stripTrailingZeros().toPlainString();
        bean.beds = o.beds() == null ? "" : o.beds().toString();
        bean.active = o.active();
        bean.services = new ArrayList<>(o.services().stream().map(ServiceCode::name).sorted().toList());
        bean.version = o.version();
        return bean;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getShortNameZh() { return shortNameZh; }
    public void setShortNameZh(String shortNameZh) { this.shortNameZh = shortNameZh; }
    public String getShortNameEn() { return shortNameEn; }
    public void setShortNameEn(String shortNameEn) { this.shortNameEn = shortNameEn; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getParentId() { return parentId; }
    public void setParentId(String parentId) { this.parentId = parentId; }
    public String getDivisionCode() { return divisionCode; }
    public void setDivisionCode(String divisionCode) { this.divisionCode = divisionCode; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getLatitude() { return latitude; }
    public void setLatitude(String latitude) { this.latitude = latitude; }
    public String getLongitude() { return longitude; }
    public void setLongitude(String longitude) { this.longitude = longitude; }
    public String getBeds() { return beds; }
    public void setBeds(String beds) { this.beds = beds; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public List<String> getServices() { return services; }
    public void setServices(List<String> services) { this.services = services == null ? new ArrayList<>() : services; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
